import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Loading, Page } from '../../../components/Page.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { api, ApiError, NETWORK_PROBLEM_TYPE, type Problem } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useList } from '../../../lib/use-list.ts';
import { navigate, type Location } from '../../../router.tsx';
import { newIdempotencyKey } from '../../services/idempotency.ts';
import { useSignedIn } from '../../services/use-signed-in.ts';
import { FEEDBACK } from '../endpoints.ts';
import type { FiledReport, Topic } from '../types.ts';
import { useCommunePlaces } from '../use-commune-places.ts';
import { DetailsStep } from './DetailsStep.tsx';
import { FiledPanel } from './FiledPanel.tsx';
import { PlaceStep } from './PlaceStep.tsx';
import { bodyOf, checkStep, emptyDraft, firstIncompleteStep, stepOf, stepOfField, type DraftErrors, type DraftField, type ReportDraft, type Step } from './report-draft.ts';
import { ReviewStep } from './ReviewStep.tsx';
import { TopicStep } from './TopicStep.tsx';
import '../../services/services.css';
import '../feedback.css';

const STEP_TITLES: Record<Step, MessageKey> = { 1: 'feedback.new.step1', 2: 'feedback.new.step2', 3: 'feedback.new.step3', 4: 'feedback.new.step4' };

const MESSAGES: Record<DraftField, Partial<Record<string, MessageKey>>> = {
  topicCode: { required: 'feedback.error.topic' },
  place: { required: 'feedback.error.place' },
  communeCode: {},
  address: { required: 'feedback.error.address', tooLong: 'feedback.error.tooLong' },
  photos: { tooMany: 'feedback.error.photos' },
  title: { required: 'feedback.error.title', tooLong: 'feedback.error.tooLong' },
  description: { required: 'feedback.error.description', tooShort: 'feedback.error.descriptionShort', tooLong: 'feedback.error.tooLong' },
  privacy: {},
};

const SERVER_FIELDS: Record<string, DraftField> = { topicCode: 'topicCode', lat: 'place', lng: 'place', address: 'address', communeCode: 'communeCode', photoFileIds: 'photos', title: 'title', description: 'description', privacy: 'privacy' };

/**
 * `/feedback/new`: a report in three short steps on a phone — what, where (with photos), the words
 * and who may know it was you — then a review and the send; the report's code is shown at once.
 * The step is in the address (`?step=2`), so the phone's back button goes back one step.
 */
export const NewReportPage = ({ location }: { location: Location }) => {
  const { t, lang } = useI18n();
  const user = useSignedIn(location);
  const topics = useList<Topic>(FEEDBACK.topics, 'topics');
  const communes = useCommunePlaces();
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft);
  const [messages, setMessages] = useState<Partial<Record<DraftField, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isSending, setSending] = useState(false);
  const [filed, setFiled] = useState<FiledReport | null>(null);
  const key = useRef(newIdempotencyKey());
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const requested = stepOf(location.query.get('step'));
  // A reload or a shared link in the middle starts where the draft is incomplete.
  const step: Step = Math.min(requested, firstIncompleteStep(draft) ?? 4) as Step;
  const isFirstRender = useRef(true);

  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    stepHeading.current?.focus();
  }, [step, filed]);

  if (!user) return <Loading />;

  const change = (patch: Partial<ReportDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setMessages((m) => {
      const next = { ...m };
      for (const field of Object.keys(patch) as DraftField[]) delete next[field];
      if ('placeSource' in patch || 'communeCode' in patch) delete next.place;
      return next;
    });
  };

  const goTo = (next: Step) => navigate(next === 1 ? '/feedback/new' : `/feedback/new?step=${next}`);

  const messagesOf = (errors: DraftErrors) => {
    const out: Partial<Record<DraftField, string>> = {};
    for (const [field, kind] of Object.entries(errors) as [DraftField, string][]) {
      const messageKey = MESSAGES[field][kind];
      out[field] = messageKey ? t(messageKey, { max: formatNumber(field === 'title' ? 200 : field === 'address' ? 300 : 5000, lang) }) : kind;
    }
    return out;
  };

  const next = () => {
    const errors = checkStep(step, draft);
    setMessages(messagesOf(errors));
    if (Object.keys(errors).length > 0) {
      window.setTimeout(() => document.querySelector<HTMLElement>('.field-invalid input, .field-invalid textarea, .field-invalid select, .field-invalid')?.focus(), 0);
      return;
    }
    goTo((step + 1) as Step);
  };

  const send = async () => {
    if (isSending) return;
    const incomplete = firstIncompleteStep(draft);
    if (incomplete) {
      goTo(incomplete);
      return;
    }
    const centroid = draft.place ? null : communes.centroidOf(draft.communeCode);
    if (!draft.place && !centroid) {
      setMessages({ place: t('feedback.error.communePlace') });
      goTo(2);
      return;
    }
    setSending(true);
    setProblem(null);
    try {
      const answer = await api<FiledReport>(FEEDBACK.reports, { method: 'POST', body: bodyOf(draft, centroid), headers: { 'Idempotency-Key': key.current } });
      for (const photo of draft.photos) URL.revokeObjectURL(photo.previewUrl);
      setFiled(answer);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.problem.type !== NETWORK_PROBLEM_TYPE) key.current = newIdempotencyKey();
      const fromServer: Partial<Record<DraftField, string>> = {};
      for (const e of error.problem.errors ?? []) {
        const field = SERVER_FIELDS[e.field.replace(/^\/+/, '').split(/[./[]/)[0] ?? ''];
        if (field) fromServer[field] ??= e.message;
      }
      setMessages(fromServer);
      setProblem(error.problem);
      const first = error.problem.errors?.[0];
      if (first) goTo(stepOfField(first.field));
    } finally {
      setSending(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (step === 4) void send();
    else next();
  };

  if (filed) {
    return (
      <Page title={t('feedback.new.sentTitle')}>
        <FiledPanel filed={filed} headingRef={stepHeading} />
      </Page>
    );
  }

  const topic = topics.kind === 'ok' ? topics.items.find((x) => x.code === draft.topicCode) : undefined;
  return (
    <Page title={t('feedback.new.title')} lead={t('feedback.new.lead')}>
      <ol className="steps" aria-label={t('feedback.new.steps')}>
        {([1, 2, 3, 4] as const).map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={s < step ? 'step-done' : undefined}>
            <span className="step-number" aria-hidden="true">
              {s}
            </span>{' '}
            {t(STEP_TITLES[s])}
          </li>
        ))}
      </ol>
      <form noValidate onSubmit={onSubmit}>
        <h2 ref={stepHeading} tabIndex={-1}>
          {t('feedback.new.stepOf', { step: formatNumber(step, lang), total: formatNumber(4, lang) })} {t(STEP_TITLES[step])}
        </h2>
        <ProblemAlert problem={problem} shownFields={(problem?.errors ?? []).map((e) => e.field).filter((f) => SERVER_FIELDS[f.split(/[./[]/)[0] ?? ''])} />
        {step === 1 ? <TopicStep topics={topics} value={draft.topicCode} error={messages.topicCode} onChange={(topicCode) => change({ topicCode })} /> : null}
        {step === 2 ? (
          <PlaceStep
            draft={draft}
            messages={messages}
            onChange={change}
            onAddPhoto={(photo) => setDraft((d) => ({ ...d, photos: [...d.photos, photo] }))}
            onRemovePhoto={(fileId) =>
              setDraft((d) => {
                const gone = d.photos.find((p) => p.fileId === fileId);
                if (gone) URL.revokeObjectURL(gone.previewUrl);
                return { ...d, photos: d.photos.filter((p) => p.fileId !== fileId) };
              })
            }
          />
        ) : null}
        {step === 3 ? <DetailsStep draft={draft} messages={messages} onChange={change} /> : null}
        {step === 4 ? <ReviewStep draft={draft} topic={topic} communeName={communes.nameOf(draft.communeCode)} onEdit={goTo} /> : null}
        <p className="actions step-actions">
          <button type="submit" className="button" aria-disabled={isSending}>
            {step === 4 ? (isSending ? t('feedback.new.sending') : t('feedback.new.send')) : step === 3 ? t('feedback.new.toReview') : t('feedback.new.next')}
          </button>
          {step > 1 ? (
            <button type="button" className="button button-secondary" onClick={() => goTo((step - 1) as Step)}>
              {t('feedback.new.back')}
            </button>
          ) : null}
        </p>
      </form>
    </Page>
  );
};
