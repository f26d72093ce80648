# Italian writes "lunedì 7 dicembre 2026": no leading zero on the day, month and weekday in lower
# case (the catalogues' "January", "Monday", …). Django's own Italian formats say "07 Dicembre".
# The other formats (short dates, numbers, input formats) are Django's.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "l j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
