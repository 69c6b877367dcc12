import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../lib/session.tsx';
import { Link } from '../router.tsx';
import { DisplayTools } from './DisplayTools.tsx';

type NavItem = { href: string; label: string };

/** The app's star (public/icon.svg) drawn inline: no image request, no separate SVG document to build. */
const BrandMark = () => (
  <svg viewBox="0 0 512 512" width="40" height="40" className="brand-mark" aria-hidden="true" focusable="false">
    <rect width="512" height="512" rx="92" fill="#a4161a" />
    <polygon
      points="256,92 295.1,212.2 421.5,212.2 319.2,286.5 358.3,406.8 256,332.5 153.7,406.8 192.8,286.5 90.5,212.2 216.9,212.2"
      fill="#ffdd00"
    />
  </svg>
);

/** The site header: the province's name, the display tools and the main navigation. */
export const Header = ({ path }: { path: string }) => {
  const { t } = useI18n();
  const { status } = useSession();
  const items: NavItem[] =
    status === 'signed-in'
      ? [
          { href: '/', label: t('nav.home') },
          { href: '/profile', label: t('nav.profile') },
        ]
      : [
          { href: '/', label: t('nav.home') },
          { href: '/login', label: t('nav.login') },
          { href: '/signup', label: t('nav.signup') },
        ];
  return (
    <header className="site-header">
      <div className="header-bar">
        <div className="container header-inner">
          <Link href="/" className="brand">
            <BrandMark />
            <span className="brand-text">
              <span className="brand-name">{t('app.brand')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
        </div>
      </div>
      <div className="container header-tools">
        <DisplayTools path={path} />
      </div>
      <nav className="site-nav" aria-label={t('nav.label')}>
        <ul className="container">
          {items.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={path === item.href ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
};
