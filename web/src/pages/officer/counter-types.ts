/** The counter API's shapes (`/api/intake/counter`), as the walk-in filing screens read them. */
export type CitizenCard = {
  id: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  idNumber: string | null;
  hasAccount: boolean;
  walkIn: boolean;
};

export type CounterFiled = { id: string; code: string; status: number; statusName: string; dueAt: string | null; receivedAt: string | null; trackingUrl: string };

export type FindKey = 'phone' | 'idNumber' | 'email';
