// `npm start`: the whole engine in one process.
import 'reflect-metadata';
import { runProcess } from '@switchboard/platform';
import { SwitchboardModule } from './switchboard.module';

void runProcess((config) => SwitchboardModule.forRoot(config), undefined, { console: true });
