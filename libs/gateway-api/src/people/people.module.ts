// Admin API for who does the work and who may call us: agents, skills, teams, users and API keys.
import { Module } from '@nestjs/common';

@Module({})
export class PeopleModule {}
