import { useEffect, useState, type FormEvent } from 'react';
import { Field } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useT } from '../i18n/index.tsx';
import { api, ApiError, type Problem } from '../lib/api.ts';
import { contactText, parseContact, type Contact } from '../lib/contact.ts';
import { ENDPOINTS } from '../lib/endpoints.ts';
import { useSession, type AuthBody } from '../lib/session.tsx';
import { Link, navigate } from '../router.tsx';

type Errors = Partial<Record<'contact' | 'code' | 'fullName' | 'password', string>>;
const VERIFY_FIELDS = ['code', 'fullName', 'password'] as const;

/** Server field errors mapped onto our fields (`phone`/`email` are the contact box). */
const fieldErrorsOf = (problem: Problem): Errors => {
  const errors: Errors = {};
  for (const e of problem.errors ?? []) {
    const field = e.field === 'phone' || e.field === 'email' ? 'contact' : e.field;
    if (field === 'contact' || (VERIFY_FIELDS as readonly string[]).includes(field)) errors[field as keyof Errors] = e.message;
  }
  return errors;
};

const focusFirst = (errors: Errors, order: readonly (keyof Errors)[]) => {
  const first = order.find((f) => errors[f]);
  if (first) document.getElementById(`field-${first}`)?.focus();
  return Boolean(first);
};

/** Citizen sign-up with a one-time code sent to a phone or an email: two short steps. */
export const SignupPage = () => {
  const t = useT();
  const session = useSession();
  const [contactInput, setContactInput] = useState('');
  const [contact, setContact] = useState<Contact | null>(null);
  const [form, setForm] = useState({ code: '', fullName: '', password: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    if (session.status === 'signed-in') navigate('/', { replace: true });
  }, [session.status]);

  // On the second step, start at the code box; the status above it says where the code went.
  useEffect(() => {
    if (contact) document.getElementById('field-code')?.focus();
  }, [contact]);

  const call = async <T,>(path: string, body: unknown): Promise<{ ok: true; body: T } | { ok: false }> => {
    setBusy(true);
    setProblem(null);
    try {
      return { ok: true, body: await api<T>(path, { method: 'POST', body }) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setErrors(fieldErrorsOf(error.problem));
      setProblem(error.problem);
      return { ok: false };
    } finally {
      setBusy(false);
    }
  };

  const start = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isBusy) return;
    const parsed = parseContact(contactInput);
    const found: Errors = { contact: parsed ? undefined : t('signup.contactInvalid') };
    setErrors(found);
    if (!parsed || focusFirst(found, ['contact'])) return;
    const answer = await call<unknown>(ENDPOINTS.signupStart, parsed);
    if (answer.ok) setContact(parsed);
  };

  const verify = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isBusy || !contact) return;
    const found: Errors = {
      code: /^\d{6}$/.test(form.code.trim()) ? undefined : t('signup.codeInvalid'),
      fullName: form.fullName.trim() ? undefined : t('signup.fullNameRequired'),
      password: form.password.length >= 8 ? undefined : t('signup.passwordTooShort'),
    };
    setErrors(found);
    setProblem(null);
    if (focusFirst(found, VERIFY_FIELDS)) return;
    const answer = await call<AuthBody>(ENDPOINTS.signupVerify, { ...contact, code: form.code.trim(), fullName: form.fullName.trim(), password: form.password });
    if (answer.ok) session.signIn(answer.body);
  };

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  return (
    <Page title={t('signup.title')} lead={contact ? undefined : t('signup.intro')}>
      <div className="narrow">
        <ProblemAlert problem={problem} shownFields={['phone', 'email', ...VERIFY_FIELDS]} />
        {!contact ? (
          <form noValidate onSubmit={start} className="panel">
            <Field
              name="contact"
              label={t('signup.contact')}
              hint={t('signup.contactHint')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              error={errors.contact}
              value={contactInput}
              onChange={(e) => setContactInput(e.target.value)}
            />
            <button type="submit" className="button button-block" aria-disabled={isBusy}>
              {isBusy ? t('signup.sending') : t('signup.sendCode')}
            </button>
          </form>
        ) : (
          <form noValidate onSubmit={verify} className="panel">
            <p className="alert alert-info" role="status">
              {t('signup.codeSent', { contact: contactText(contact) })}
            </p>
            <Field name="code" label={t('signup.code')} hint={t('signup.codeHint')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} error={errors.code} value={form.code} onChange={set('code')} />
            <Field name="fullName" label={t('signup.fullName')} autoComplete="name" error={errors.fullName} value={form.fullName} onChange={set('fullName')} />
            <Field name="password" type="password" label={t('signup.password')} hint={t('signup.passwordHint')} autoComplete="new-password" error={errors.password} value={form.password} onChange={set('password')} />
            <button type="submit" className="button button-block" aria-disabled={isBusy}>
              {isBusy ? t('signup.submitting') : t('signup.submit')}
            </button>
            <button type="button" className="button button-link" onClick={() => setContact(null)}>
              {t('signup.changeContact')}
            </button>
          </form>
        )}
        <p>
          {t('signup.haveAccount')} <Link href="/login">{t('nav.login')}</Link>
        </p>
      </div>
    </Page>
  );
};
