"""Whose birthday falls on a day: the condition, in SQL over the alias `c`, for the desk and the
birthday bonus.

Written as "the birth date is one of these dates" (every year's month and day, from the
tenant's earliest birth date to this year; 29 February in leap years only), which the
`(tenant_id, birth_date)` index serves. `extract(month …) = …` would not serve under row-level
security: date_part is not leakproof, and PostgreSQL then tests the condition row by row
(migration 0039). Parameters: `:t` the tenant, `:month`, `:days` (int[]), `:year`.
"""

BORN_ON = """c.birth_date = ANY (ARRAY(
    SELECT make_date(y, CAST(:month AS int), d)
      FROM generate_series(
               (SELECT CAST(extract(year FROM min(b.birth_date)) AS int) FROM customers b
                 WHERE b.tenant_id = :t AND b.birth_date IS NOT NULL),
               CAST(:year AS int)) AS y,
           unnest(CAST(:days AS int[])) AS d
     WHERE NOT (CAST(:month AS int) = 2 AND d = 29)
        OR (y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0))))"""
