import { DEMO_PROVINCE, demoName, type DemoAgency, type DemoUser } from './demo-data.ts';
import { COMMUNE_PARTY_COUNT, communeOfficeCellCode, type DemoCommune } from './demo-party.ts';

/**
 * The communes' own bodies: a People's Committee for every commune of the demo province
 * (`NNN.00.00.H59`, NNN in commune-code order) and its public administration service centre
 * (`NNN.01.00.H59`), which receives dossiers since Decree 118/2025. Plus an officer at the centres
 * of the first communes, Party members of their commune's offices cell.
 */
export type CommuneRow = { code: string; name: string; type: string };

/** "Xã Tân Biên" → "xã Tân Biên", as it reads inside an agency's name. */
const inName = (name: string) => name.replace(/^Xã/, 'xã').replace(/^Phường/, 'phường').replace(/^Đặc khu/, 'đặc khu');

export type CommuneAgency = DemoAgency & { communeCode: string };

export const communeAgencies = (communes: CommuneRow[]): { agencies: CommuneAgency[]; communes: DemoCommune[] } => {
  const agencies: CommuneAgency[] = [];
  const withCommittee: DemoCommune[] = [];
  for (const [i, c] of communes.entries()) {
    const n = String(i + 1).padStart(3, '0');
    const committee = `${n}.00.00.${DEMO_PROVINCE.letterCode}`;
    agencies.push(
      { code: committee, name: `Ủy ban nhân dân ${inName(c.name)}`, shortName: 'UBND', kind: 'commune_committee', parent: '000.00.00.H59', communeCode: c.code },
      {
        code: `${n}.01.00.${DEMO_PROVINCE.letterCode}`,
        name: `Trung tâm Phục vụ hành chính công ${inName(c.name)}`,
        shortName: 'TTPVHCC',
        kind: 'one_stop_centre',
        parent: committee,
        communeCode: c.code,
      },
    );
    withCommittee.push({ ...c, committee });
  }
  return { agencies, communes: withCommittee };
};

/** One officer at each of the first communes' service centres: `cb.xa01`, `cb.xa02`, … */
export const communeStaff = (agencies: CommuneAgency[], communes: DemoCommune[]): DemoUser[] =>
  communes.slice(0, COMMUNE_PARTY_COUNT).map((c, i) => ({
    username: `cb.xa${String(i + 1).padStart(2, '0')}`,
    fullName: demoName(i + 70),
    roles: ['officer', 'party_member'],
    agency: agencies.find((a) => a.communeCode === c.code && a.kind === 'one_stop_centre')?.code,
    party: communeOfficeCellCode(c.code),
  }));
