import type { Principal } from '../../platform/auth/sessions.ts';
import { identityStanding, type IdentityLevel } from '../../platform/auth/vneid-level.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import { AppError } from '../../platform/http/problems.ts';

/**
 * The identity level a procedure asks of a citizen filing it online (`minIdentityLevel` in the
 * catalogue): 0 any account, 1 or 2 the VNeID level (Decree 69/2024/NĐ-CP). A citizen below it is
 * refused with 403 `identity-level-required`, naming the level asked and the level held, so the
 * web can explain how to sign in with VNeID. Counter filing by an officer is never checked here:
 * the officer saw the papers.
 */
export const requireIdentityLevel = async (
  db: Queryable,
  principal: Pick<Principal, 'userId' | 'sessionId'>,
  procedure: { code: string; name: string; minIdentityLevel: number },
): Promise<void> => {
  const required = procedure.minIdentityLevel as IdentityLevel;
  if (required <= 0) return;
  const { level } = await identityStanding(db, principal.userId, principal.sessionId);
  if (level >= required) return;
  throw new AppError(
    'identity-level-required',
    `Thủ tục "${procedure.name}" yêu cầu tài khoản định danh điện tử mức độ ${required}; phiên đăng nhập hiện tại có mức ${level}. ` +
      `Hãy đăng xuất rồi đăng nhập bằng VNeID (tài khoản mức độ ${required}) để nộp hồ sơ.`,
    { requiredLevel: required, currentLevel: level, procedureCode: procedure.code },
  );
};
