month-short-1 = 1月
month-short-2 = 2月
month-short-3 = 3月
month-short-4 = 4月
month-short-5 = 5月
month-short-6 = 6月
month-short-7 = 7月
month-short-8 = 8月
month-short-9 = 9月
month-short-10 = 10月
month-short-11 = 11月
month-short-12 = 12月
date-day-month-year = { $year }年{ $month }{ $day }日
date-month-year = { $year }年{ $month }
date-day-month = { $month }{ $day }日
# An ISO week (`2026-W48`): $year is a string, $number the week's number.
date-iso-week = { $year }年第{ $number }周
date-range = { $first }至{ $last }
date-range-in-month = { $month }{ $first }日至{ $last }日

age-just-now = 刚刚
age-minutes = { $count }分钟前
age-hours = { $count }小时前
age-days = { $count }天前
age-on-date = { $date }

due-in-seconds = 不到一分钟后
due-in-minutes = { $count }分钟后
due-in-hours = { $count }小时后
due-in-days = { $count }天后

duration-minutes-seconds = { $minutes }分{ $seconds }秒
duration-seconds = { $seconds }秒
