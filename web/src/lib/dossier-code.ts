/**
 * Dossier codes as printed on the receipt: `{agency code}-{yymmdd}-{sequence}`, for example
 * `000.00.02.H59-260305-0001` (agency code groups ddd.dd.dd.Xdd, read right to left from the
 * province group). People type them with spaces or in lower case; both are forgiven.
 */
const DOSSIER_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,6}$/;

export const normalizeDossierCode = (input: string): string => input.replace(/\s+/g, '').toUpperCase();

export const isDossierCode = (input: string): boolean => DOSSIER_CODE.test(normalizeDossierCode(input));
