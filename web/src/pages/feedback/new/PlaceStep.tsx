import { useState } from 'react';
import { Field } from '../../../components/Field.tsx';
import { ReportMap } from '../../../components/map/ReportMap.tsx';
import type { LatLng } from '../../../components/map/types.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { CommuneSelect } from '../CommuneSelect.tsx';
import { PhotoPicker } from './PhotoPicker.tsx';
import type { DraftErrors, DraftPhoto, PlaceSource, ReportDraft } from './report-draft.ts';

type Props = {
  draft: ReportDraft;
  messages: Partial<Record<keyof DraftErrors, string>>;
  onChange: (change: Partial<ReportDraft>) => void;
  onAddPhoto: (photo: DraftPhoto) => void;
  onRemovePhoto: (fileId: string) => void;
};

type Locating = 'idle' | 'busy' | 'denied' | 'failed';

const round = (n: number) => n.toFixed(5);

/**
 * Step 2: where it is — a tap on the map, the phone's location, or the commune and an address
 * (the way for anyone who cannot or would rather not use the map) — and the photos.
 */
export const PlaceStep = ({ draft, messages, onChange, onAddPhoto, onRemovePhoto }: Props) => {
  const { t } = useI18n();
  const [locating, setLocating] = useState<Locating>('idle');

  const setPoint = (at: LatLng, source: PlaceSource) => onChange({ place: at, placeSource: source });

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating('failed');
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating('idle');
        setPoint({ lat: position.coords.latitude, lng: position.coords.longitude }, 'gps');
      },
      (error) => setLocating(error.code === error.PERMISSION_DENIED ? 'denied' : 'failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const chosen =
    draft.place && draft.placeSource !== 'commune'
      ? t(draft.placeSource === 'gps' ? 'feedback.place.chosenGps' : 'feedback.place.chosenMap', { lat: round(draft.place.lat), lng: round(draft.place.lng) })
      : draft.communeCode
        ? t('feedback.place.chosenCommune')
        : null;

  return (
    <>
      <fieldset className={messages.place ? 'field-invalid' : undefined} aria-describedby={messages.place ? 'place-error' : undefined}>
        <legend>{t('feedback.place.legend')}</legend>
        <p className="hint">{t('feedback.place.hint')}</p>
        {messages.place ? (
          <p id="place-error" className="field-error">
            {messages.place}
          </p>
        ) : null}
        <p role="status" className={chosen ? 'place-chosen' : 'visually-hidden'}>
          {chosen ?? ''}
        </p>

        <h3>{t('feedback.place.gpsTitle')}</h3>
        <p>
          <button type="button" className="button button-secondary" onClick={locate} aria-disabled={locating === 'busy'}>
            {locating === 'busy' ? t('feedback.place.locating') : t('feedback.place.useLocation')}
          </button>
        </p>
        {locating === 'denied' || locating === 'failed' ? (
          <p className="alert alert-warning" role="alert">
            {t(locating === 'denied' ? 'feedback.place.denied' : 'feedback.place.locateFailed')}
          </p>
        ) : null}

        <h3>{t('feedback.place.mapTitle')}</h3>
        <ReportMap label={t('feedback.place.mapLabel')} picked={draft.placeSource === 'commune' ? null : draft.place} onPick={(at) => setPoint(at, 'map')} />

        <h3>{t('feedback.place.communeTitle')}</h3>
        <CommuneSelect
          id="field-communeCode"
          label={t('feedback.place.commune')}
          hint={t('feedback.place.communeHint')}
          error={messages.communeCode}
          value={draft.communeCode}
          onChange={(code) => onChange(draft.place && draft.placeSource !== 'commune' ? { communeCode: code } : { communeCode: code, place: null, placeSource: code ? 'commune' : null })}
        />
        <Field
          name="address"
          label={draft.placeSource === 'commune' ? t('form.requiredLabel', { label: t('feedback.place.address') }) : t('feedback.place.address')}
          hint={t('feedback.place.addressHint')}
          error={messages.address}
          value={draft.address}
          maxLength={300}
          autoComplete="street-address"
          onChange={(e) => onChange({ address: e.target.value })}
        />
      </fieldset>
      <PhotoPicker photos={draft.photos} error={messages.photos} onAdd={onAddPhoto} onRemove={onRemovePhoto} />
    </>
  );
};
