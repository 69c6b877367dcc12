import { useEffect, useState, type FormEvent } from 'react';
import { Field } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useT } from '../i18n/index.tsx';
import { api, ApiError, type Problem } from '../lib/api.ts';
import { ENDPOINTS } from '../lib/endpoints.ts';
import { useSession, type AuthBody } from '../lib/session.tsx';
import { Link, navigate, safeNext, type Location } from '../router.tsx';
import { isMfaBody, LoginSecondStep, type MfaBody } from './LoginSecondStep.tsx';

type Sso = { enabled: boolean; name: string };
type Errors = { username?: string; password?: string };
const FIELDS = ['username', 'password'] as const;

/** Single sign-on (VNeID or the province's SSO), when the server has it configured. */
const useSso = (): Sso | null => {
  const [sso, setSso] = useState<Sso | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<Partial<Sso>>(ENDPOINTS.sso, { signal: controller.signal })
      .then((body) => setSso(body?.enabled ? { enabled: true, name: body.name || 'SSO' } : null))
      .catch(() => setSso(null));
    return () => controller.abort();
  }, []);
  return sso;
};

export const LoginPage = ({ location }: { location: Location }) => {
  const t = useT();
  const session = useSession();
  const sso = useSso();
  const next = safeNext(location.query.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [isPasswordShown, setPasswordShown] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [mfa, setMfa] = useState<MfaBody | null>(null);

  useEffect(() => {
    if (session.status === 'signed-in') navigate(next, { replace: true });
  }, [session.status, next]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isBusy) return;
    const found: Errors = {
      username: username.trim() ? undefined : t('login.usernameRequired'),
      password: password ? undefined : t('login.passwordRequired'),
    };
    setErrors(found);
    setProblem(null);
    const firstInvalid = FIELDS.find((f) => found[f]);
    if (firstInvalid) {
      document.getElementById(`field-${firstInvalid}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = await api<AuthBody | MfaBody>(ENDPOINTS.login, { method: 'POST', body: { username: username.trim(), password } });
      // Staff accounts answer with a ticket: the second step asks for the authenticator's code.
      if (isMfaBody(body)) {
        setPassword('');
        setMfa(body);
      } else session.signIn(body);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fieldErrors: Errors = {};
      for (const e of error.problem.errors ?? []) if (e.field === 'username' || e.field === 'password') fieldErrors[e.field] = e.message;
      setErrors(fieldErrors);
      setProblem(error.problem);
    } finally {
      setBusy(false);
    }
  };

  if (mfa) {
    return (
      <Page title={t('login.title')}>
        <div className="narrow">
          <LoginSecondStep mfa={mfa} onSignedIn={(body) => session.signIn(body)} onStartOver={() => setMfa(null)} />
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('login.title')}>
      <div className="narrow">
        <ProblemAlert problem={problem} shownFields={FIELDS} />
        <form noValidate onSubmit={submit} className="panel">
          <Field
            name="username"
            label={t('login.username')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            error={errors.username}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <Field
            name="password"
            type={isPasswordShown ? 'text' : 'password'}
            label={t('login.password')}
            autoComplete="current-password"
            error={errors.password}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <div className="checkbox">
            <input id="show-password" type="checkbox" checked={isPasswordShown} onChange={(e) => setPasswordShown(e.target.checked)} />
            <label htmlFor="show-password">{t('login.showPassword')}</label>
          </div>
          <button type="submit" className="button button-block" aria-disabled={isBusy}>
            {isBusy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        {location.query.get('sso') === 'staff' ? <p className="alert alert-info">{t('login.ssoStaff')}</p> : null}
        {sso ? (
          <p className="or">
            <span>{t('login.or')}</span>
            <a className="button button-secondary button-block" href={ENDPOINTS.ssoLogin}>
              {t('login.sso', { name: sso.name })}
            </a>
          </p>
        ) : null}
        <p>
          {t('login.noAccount')} <Link href="/signup">{t('login.signupLink')}</Link>
        </p>
      </div>
    </Page>
  );
};
