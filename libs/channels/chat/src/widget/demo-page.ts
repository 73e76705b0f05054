// The demo page at /widget/demo: a bare page that embeds the widget for one chat inbox.
export function demoPage(inboxId: string | undefined): string {
  const escaped = inboxId ? inboxId.replace(/[^A-Za-z0-9-]/g, '') : '';
  const embed = escaped
    ? `<script src="/widget.js" data-inbox="${escaped}" async></script>`
    : '<p>No chat inbox: open this page with <code>?inbox=&lt;chat inbox id&gt;</code>.</p>';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Switchboard web chat demo</title></head>
<body>
<h1>Switchboard web chat demo</h1>
<p>Write in the chat box at the bottom right. Sign in to the console as an agent of the demo tenant, set
yourself available, and accept the offer to answer.</p>
${embed}
</body>
</html>
`;
}
