export * from './platform.module';
export * from './bootstrap';
export * from './http/problem.filter';
export * from './http/zod-body.pipe';
export * from './run-process';
export * from './http/pagination';
export * from './http/zod-query.pipe';
export * from './http/api-query-params.decorator';
