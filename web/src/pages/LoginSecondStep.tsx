import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useT } from '../i18n/index.tsx';
import { api, ApiError, type Problem } from '../lib/api.ts';
import { ENDPOINTS } from '../lib/endpoints.ts';
import type { AuthBody } from '../lib/session.tsx';

/** What `POST /api/auth/login` answers when the account needs a second factor. */
export type MfaBody = { mfaRequired: true; ticket: string; enrol?: { secret: string; otpauthUri: string } };
type TotpBody = AuthBody & { recoveryCodes?: string[] };

export const isMfaBody = (body: unknown): body is MfaBody => typeof body === 'object' && body !== null && (body as MfaBody).mfaRequired === true;

/** The otpauth URI as a QR image, drawn in the browser (the encoder loads only when needed). */
const useQrImage = (text: string | undefined): string | null => {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    if (!text) return undefined;
    let isCurrent = true;
    import('qrcode')
      .then((qrcode) => qrcode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 220 }))
      .then((url) => {
        if (isCurrent) setImage(url);
      })
      .catch(() => undefined); // the secret in text still works
    return () => {
      isCurrent = false;
    };
  }, [text]);
  return image;
};

/** Ten recovery codes, shown once after enrolment; signing in completes when they are acknowledged. */
const RecoveryCodes = ({ codes, onDone }: { codes: string[]; onDone: () => void }) => {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel" aria-labelledby="recovery-title">
      <h2 id="recovery-title" ref={heading} tabIndex={-1}>
        {t('login.recoveryTitle')}
      </h2>
      <p>{t('login.recoveryIntro')}</p>
      <ol className="code">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <button type="button" className="button button-block" onClick={onDone}>
        {t('login.recoveryDone')}
      </button>
    </section>
  );
};

type Props = { mfa: MfaBody; onSignedIn: (body: AuthBody) => void; onStartOver: () => void };

/**
 * The second step of signing in: the authenticator's 6-digit code (or one recovery code); for an
 * official without an authenticator yet, first the secret to add (QR, key, otpauth URI), and after
 * the first right code the ten recovery codes, once.
 */
export const LoginSecondStep = ({ mfa, onSignedIn, onStartOver }: Props) => {
  const t = useT();
  const qr = useQrImage(mfa.enrol?.otpauthUri);
  const [code, setCode] = useState('');
  const [isRecovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [done, setDone] = useState<TotpBody | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isBusy) return;
    setProblem(null);
    if (!code.trim()) {
      setError(t('login.codeRequired'));
      document.getElementById('field-code')?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const body = await api<TotpBody>(ENDPOINTS.loginTotp, { method: 'POST', body: { ticket: mfa.ticket, code: code.trim() } });
      if (body.recoveryCodes?.length) setDone(body);
      else onSignedIn(body);
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      setCode('');
      setProblem(failure.problem);
    } finally {
      setBusy(false);
    }
  };

  if (done?.recoveryCodes) return <RecoveryCodes codes={done.recoveryCodes} onDone={() => onSignedIn(done)} />;

  return (
    <>
      <ProblemAlert problem={problem} shownFields={['code']} />
      <form noValidate onSubmit={submit} className="panel" aria-labelledby="mfa-title">
        <h2 id="mfa-title" ref={heading} tabIndex={-1}>
          {mfa.enrol ? t('login.enrolTitle') : t('login.mfaTitle')}
        </h2>
        {mfa.enrol ? (
          <>
            <p>{t('login.enrolIntro')}</p>
            {qr ? <img src={qr} width={220} height={220} alt={t('login.enrolQr')} /> : null}
            <p>
              {t('login.enrolSecret')}: <strong className="code">{mfa.enrol.secret}</strong>
            </p>
            <p className="hint">
              {t('login.enrolUri')}: <span className="code">{mfa.enrol.otpauthUri}</span>
            </p>
          </>
        ) : (
          <p>{t('login.mfaIntro')}</p>
        )}
        <Field
          name="code"
          label={isRecovery ? t('login.recoveryCode') : t('login.code')}
          hint={isRecovery ? t('login.recoveryHint') : t('login.codeHint')}
          autoComplete="one-time-code"
          inputMode={isRecovery ? 'text' : 'numeric'}
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={isRecovery ? 11 : 6}
          error={error}
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" className="button button-block" aria-disabled={isBusy}>
          {isBusy ? t('login.verifying') : t('login.verify')}
        </button>
        {mfa.enrol ? null : (
          <p>
            <button
              type="button"
              className="button-link"
              onClick={() => {
                setRecovery(!isRecovery);
                setCode('');
                setError(undefined);
                document.getElementById('field-code')?.focus();
              }}
            >
              {isRecovery ? t('login.useApp') : t('login.useRecovery')}
            </button>
          </p>
        )}
        <p>
          <button type="button" className="button-link" onClick={onStartOver}>
            {t('login.startOver')}
          </button>
        </p>
      </form>
    </>
  );
};
