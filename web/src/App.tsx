import { useEffect, useState } from 'react';

type Health = { status: string };

export const App = () => {
  const [health, setHealth] = useState<string>('…');
  useEffect(() => {
    fetch('/readyz')
      .then((r) => r.json() as Promise<Health>)
      .then((h) => setHealth(h.status))
      .catch(() => setHealth('unavailable'));
  }, []);
  return (
    <main>
      <h1>Tỉnh số</h1>
      <p>Nền tảng chính quyền số của tỉnh. Trạng thái hệ thống: {health}</p>
    </main>
  );
};
