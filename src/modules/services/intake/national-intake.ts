import type { Db, Queryable } from '../../../platform/db/pool.ts';
import { withTransaction } from '../../../platform/db/pool.ts';
import { AppError, conflict } from '../../../platform/http/problems.ts';
import { findDossier, fileFromNationalPortal, type FilingDeps, trackingUrl } from '../dossiers/index.ts';
import { mappedNationalCodes, mappedProcedure, markKnownToPortal } from '../portal/index.ts';
import { citizenForApplicant } from './citizens.ts';
import type { IntakeAnswer, NationalDossier } from './national-schema.ts';

/**
 * A dossier forwarded by the national portal becomes an ordinary dossier here (Decree 118/2025:
 * the national portal is the front door): its procedure through the explicit mapping of national
 * codes (portal/procedure-map.ts; an unmapped code is refused with 422 listing the mapped ones),
 * its citizen found or registered (citizens.ts), filed with `channel: 'national-portal'` and
 * waiting for the one-stop reception; every later status change goes back through the portal
 * sync under the portal's code. Idempotent by that code: a repeat answers the first dossier.
 */
export type IntakeDeps = FilingDeps & { db: Db };

type IntakeRow = { national_code: string; dossier_id: string };

const findIntake = async (db: Queryable, nationalCode: string) =>
  (await db.query<IntakeRow>('SELECT national_code, dossier_id FROM national_intakes WHERE national_code = $1', [nationalCode])).rows[0];

const repeatOf = async (db: Queryable, deps: IntakeDeps, intake: IntakeRow): Promise<IntakeAnswer> => {
  await db.query('UPDATE national_intakes SET repeats = repeats + 1, last_repeat_at = now() WHERE national_code = $1', [intake.national_code]);
  const row = (await findDossier(db, intake.dossier_id))!;
  return { received: true, duplicate: true, dossierId: row.id, code: row.code!, nationalCode: intake.national_code, status: row.status!, trackingUrl: trackingUrl(deps.publicUrl, row.code!) };
};

export const unmapped = async (db: Queryable, nationalCode: string) => {
  const message = `Mã thủ tục quốc gia ${nationalCode} chưa được ánh xạ với thủ tục nào của tỉnh (quản trị viên thêm tại /api/portal/procedure-map)`;
  return new AppError('unmapped-procedure', message, { errors: [{ field: 'MaTTHC', message }], mappedCodes: await mappedNationalCodes(db) });
};

export const receiveNationalDossier = async (deps: IntakeDeps, body: NationalDossier, bodySha256: string): Promise<IntakeAnswer> => {
  const earlier = await findIntake(deps.db, body.MaHoSo);
  if (earlier) return repeatOf(deps.db, deps, earlier);
  const procedureCode = await mappedProcedure(deps.db, body.MaTTHC);
  if (!procedureCode) throw await unmapped(deps.db, body.MaTTHC);
  return withTransaction(deps.db, async (tx) => {
    // Two deliveries of one code at once: the second waits here, then answers as a repeat.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`national-intake:${body.MaHoSo}`]);
    const raced = await findIntake(tx, body.MaHoSo);
    if (raced) return repeatOf(tx, deps, raced);
    const applicant = body.ChuHoSo;
    const owner = await citizenForApplicant(tx, { fullName: applicant.HoTen, idNumber: applicant.SoDinhDanh, phone: applicant.SoDienThoai, email: applicant.Email });
    const filed = await fileFromNationalPortal(tx, deps, {
      ownerId: owner.id,
      ownerName: owner.fullName,
      nationalCode: body.MaHoSo,
      procedureCode,
      data: body.DuLieuToKhai,
      communeCode: body.MaXa,
      submittedAt: body.NgayNopHoSo,
    });
    if (!filed) throw conflict(`Đã có hồ sơ mang mã ${body.MaHoSo} của Cổng DVC quốc gia`);
    const documents = body.TaiLieuNop.map((d) => ({ code: d.MaThanhPhanHoSo ?? null, name: d.TenTepDinhKem, url: d.DuongDanTaiTepTin ?? null }));
    await tx.query(
      `INSERT INTO national_intakes (national_code, dossier_id, national_procedure_code, documents, body_sha256) VALUES ($1, $2, $3, $4, $5)`,
      [body.MaHoSo, filed.id, body.MaTTHC, JSON.stringify(documents), bodySha256],
    );
    // The portal holds this dossier already: every push back is an update.
    await markKnownToPortal(tx, filed.id);
    return { received: true, duplicate: false, dossierId: filed.id, code: filed.code, nationalCode: body.MaHoSo, status: filed.status, trackingUrl: filed.trackingUrl };
  });
};
