/** Dossiers filed for citizens (counter, national portal): README.md maps each concept to its file. */
export { intakeRoutes } from './routes.ts';
export { citizenById, citizenForApplicant, findCitizen, registerWalkIn, type CitizenCard } from './citizens.ts';
export { receiveNationalDossier } from './national-intake.ts';
