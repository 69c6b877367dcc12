import { useI18n, type MessageKey } from './index.tsx';
import { vi } from './vi.ts';

/** A role in words of the current language (`officer` → "Cán bộ, công chức"); an unknown role as it is. */
export const useRoleLabel = () => {
  const { t } = useI18n();
  return (role: string) => (`role.${role}` in vi ? t(`role.${role}` as MessageKey) : role);
};
