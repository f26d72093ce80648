"""Messages the portal shows from its libraries that their own catalogues lack in French or
Italian for the installed versions (Django 5.2 changed the wording of a password validator, so
Italian fell back to the French of LANGUAGE_CODE). Listed here so that `make messages` keeps them
in the portal's catalogues, which take precedence over the libraries' (LOCALE_PATHS)."""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    # Italian said "troppo simile a indirizzo e-mail": the field's name reads better quoted.
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Enter a valid domain name."),
    gettext_noop("Enter a valid %(protocol)s address."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
]

DJANGO_FILTER = [gettext_noop("Select a lookup.")]

REST_FRAMEWORK = [
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("A search term."),
    gettext_noop("Which field to use when ordering the results."),
    gettext_noop("A page number within the paginated result set."),
    gettext_noop("Number of results to return per page."),
    gettext_noop("The initial index from which to return the results."),
    gettext_noop("The pagination cursor value."),
    gettext_noop("unique integer value"),
    gettext_noop("UUID string"),
    gettext_noop("unique value"),
    gettext_noop("A {value_type} identifying this {name}."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop("Invalid input."),
    gettext_noop("Expected available in {wait} second."),
    gettext_noop("Expected available in {wait} seconds."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop('Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'),
    gettext_noop("Must be a valid UUID."),
    gettext_noop("A valid biginteger is required."),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Datetime value out of range."),
    gettext_noop("The number of days must be between {min_days} and {max_days}."),
    gettext_noop("This dictionary may not be empty."),
]

# Django's month and weekday names, as dates show them in running text ("lunedì 7 dicembre 2026",
# "lundi 7 décembre 2026"): lower case, where Django's Italian catalogue capitalises them. Labels
# that stand alone (the weekdays of opening hours) use the "weekday" context.
DATES = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
]
