import { useT } from '../i18n/index.tsx';
import { Link } from '../router.tsx';

export const Footer = () => {
  const t = useT();
  return (
    <footer className="site-footer">
      <div className="container">
        <p className="footer-owner">{t('footer.owner')}</p>
        <p>
          {t('footer.license')} <a href="/docs">{t('footer.api')}</a>
        </p>
        <p>
          <Link href="/quyen-rieng-tu">{t('footer.privacy')}</Link>
        </p>
      </div>
    </footer>
  );
};
