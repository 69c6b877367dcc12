import { useT } from '../i18n/index.tsx';
import { Link } from '../router.tsx';

type LinkCardProps = { href: string; title: string; text?: string; isSoon?: boolean };

/** A large tappable card leading to a feature; `isSoon` marks features still being built. */
export const LinkCard = ({ href, title, text, isSoon = false }: LinkCardProps) => {
  const t = useT();
  return (
    <li className="card">
      <Link href={href} className="card-link">
        <span className="card-title">{title}</span>
        {text ? <span className="card-text">{text}</span> : null}
        {isSoon ? <span className="badge">{t('common.soon')}</span> : null}
      </Link>
    </li>
  );
};
