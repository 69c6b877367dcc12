-- Vietnamese order (ICU `vi`, as compareVi in platform/text): a < ă < â < b … d < đ … o < ô < ơ
-- … u < ư. The catalogue search sorts and cuts its page here instead of sorting every match in
-- the server. A PostgreSQL built without ICU gets code-point order instead of failing to start.
DO $$
BEGIN
  CREATE COLLATION vietnamese (provider = icu, locale = 'vi');
EXCEPTION WHEN OTHERS THEN
  CREATE COLLATION vietnamese FROM "C";
END
$$;
