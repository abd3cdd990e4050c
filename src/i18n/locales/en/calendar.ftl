## Dates, ages and durations.

month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
# $year is a string: a year has no thousands separator.
date-day-month-year = { $day } { $month } { $year }
date-month-year = { $month } { $year }
date-day-month = { $day } { $month }
# An ISO week (`2026-W48`): $year is a string, $number the week's number.
date-iso-week = { $year }-W{ NUMBER($number, minimumIntegerDigits: 2) }
date-range = { $first }–{ $last }
date-range-in-month = { $first }–{ $last } { $month }

age-just-now = just now
age-minutes = { $count } { $count ->
    [one] minute
   *[other] minutes
  } ago
age-hours = { $count } { $count ->
    [one] hour
   *[other] hours
  } ago
age-days = { $count } { $count ->
    [one] day
   *[other] days
  } ago
age-on-date = on { $date }

due-in-seconds = in less than a minute
due-in-minutes = in { $count } { $count ->
    [one] minute
   *[other] minutes
  }
due-in-hours = in { $count } { $count ->
    [one] hour
   *[other] hours
  }
due-in-days = in { $count } { $count ->
    [one] day
   *[other] days
  }

duration-minutes-seconds = { $minutes }m { $seconds }s
duration-seconds = { $seconds }s
