/** Digitisation, the citizen's store, electronic results, official forms and e-receipts: README.md maps each concept to its file. */
export { digitalRoutes } from './routes.ts';
export { listPapers, type Paper } from './papers.ts';
