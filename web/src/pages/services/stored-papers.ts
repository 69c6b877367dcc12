/** A paper of the citizen's store (`GET /api/store/papers`). */
export type StoredPaper = {
  id: string;
  fileId: string;
  kind: 'input' | 'result';
  documentCode: string | null;
  name: string;
  dossierId: string;
  dossierCode: string | null;
  procedureName: string | null;
  digitisedAt: string;
};
