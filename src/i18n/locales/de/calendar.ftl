month-short-1 = Jan.
month-short-2 = Feb.
month-short-3 = März
month-short-4 = Apr.
month-short-5 = Mai
month-short-6 = Juni
month-short-7 = Juli
month-short-8 = Aug.
month-short-9 = Sept.
month-short-10 = Okt.
month-short-11 = Nov.
month-short-12 = Dez.
date-day-month-year = { $day }. { $month } { $year }
date-month-year = { $month } { $year }
date-day-month = { $day }. { $month }
# An ISO week (`2026-W48`): $year is a string, $number the week's number.
date-iso-week = KW { $number }/{ $year }
date-range = { $first }–{ $last }
date-range-in-month = { $first }.–{ $last }. { $month }

age-just-now = gerade eben
age-minutes = vor { $count } { $count ->
    [one] Minute
   *[other] Minuten
  }
age-hours = vor { $count } { $count ->
    [one] Stunde
   *[other] Stunden
  }
age-days = vor { $count } { $count ->
    [one] Tag
   *[other] Tagen
  }
age-on-date = am { $date }

due-in-seconds = in weniger als einer Minute
due-in-minutes = in { $count } { $count ->
    [one] Minute
   *[other] Minuten
  }
due-in-hours = in { $count } { $count ->
    [one] Stunde
   *[other] Stunden
  }
due-in-days = in { $count } { $count ->
    [one] Tag
   *[other] Tagen
  }

duration-minutes-seconds = { $minutes } min { $seconds } s
duration-seconds = { $seconds } s
