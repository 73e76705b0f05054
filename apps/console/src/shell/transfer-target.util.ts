// Who an agent's transfer picker offers: every colleague in the directory but the agent themselves, who is
// never a useful target (a transfer moves work away from its holder).
export function colleaguesOf<T extends { id: string }>(
  agents: readonly T[],
  selfAgentId: string | null,
): T[] {
  return agents.filter((agent) => agent.id !== selfAgentId);
}
