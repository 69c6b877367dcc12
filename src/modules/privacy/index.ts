/** Personal data protection (Law 91/2025/QH15, Decree 356/2025): README.md maps each concept to its file and route. */
import './retention.ts';

export { meRoutes } from './me-routes.ts';
export { privacyAdminRoutes } from './admin-routes.ts';
export { publicPrivacyRoutes } from './public-routes.ts';
export { grantConsent, withdrawConsent, activeConsent, listConsents, CONSENT_PURPOSES, type ConsentPurpose } from './consents.ts';
export { maskIdNumber, maskPhone, maskEmail, maskAddress, maskIdentifiersIn } from './masking.ts';
export { loadRegister, type Register } from './register.ts';
export { runRetention, RETENTION_QUEUE, RETENTION_RULES } from './retention.ts';
export { anonymiseUser, DELETED_NAME } from './anonymise.ts';
