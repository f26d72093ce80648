"""The company inventory form: a list of processes, each with a formset of rows (an input or an
output with quantity, unit, frequency, season and state).

Adding a process or a row works without JavaScript (the buttons post the form, which comes back
one process or row longer); static/js/inventory.js does it in the page instead. Codes are
suggested from the everyday words of a row by the bilingual search (`suggest_codes`) and picked
with the waste-code autocomplete."""

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from bourseflux.fields import CategoryField, EwcField
from bourseflux.models import EwcCode, Flow, Site
from bourseflux.reference_lookup import category_for_ewc, search_ewc
from bourseflux.services.inventory import INPUT, OUTPUT
from circuito.accounts.models import Organisation
from circuito.forms import BootstrapFormMixin
from circuito.geo.forms import UnpickedText

MAX_PROCESSES = 20
MAX_ROWS = 40
NEW_ROWS = 2  # empty rows of a new process
PROCESS_COUNT = "processes-count"


def _blank(choices, label: Any = "—") -> list[tuple[str, Any]]:
    return [("", label), *choices]


MONTH_CHOICES = [(str(n), name) for n, name in MONTHS.items()]


class ProcessForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Process"),
        max_length=150,
        required=False,
        help_text=_("A step of the production, e.g. “pressing”, “cutting”, “packing”, “boiler room”."),
    )
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none(), required=False)

    def __init__(self, *args: Any, organisation: Organisation, several_sites: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The process's flows come from or go to this site; with one site (or none) it is not asked.
        self.fields["site"].queryset = organisation.sites.select_related("commune").order_by("pk")
        self.fields["site"].empty_label = None
        if not several_sites:
            self.fields["site"].widget = forms.HiddenInput()


class InventoryRowForm(BootstrapFormMixin, forms.Form):
    """One input or output of a process. Left without words, the row is ignored."""

    direction = forms.ChoiceField(
        label=_("In or out"),
        choices=[(OUTPUT, _("Output (given off)")), (INPUT, _("Input (needed)"))],
    )
    what = forms.CharField(
        label=_("What, in everyday words"), max_length=150, required=False, help_text=_("e.g. “apple pomace”")
    )
    nature = forms.ChoiceField(label=_("Nature"), choices=_blank(Flow.Nature.choices), required=False)
    ewc = EwcField(label=_("EWC code"), required=False, help_text=_("Required for waste."))
    category = CategoryField(label=_("Category"), required=False)
    physical_state = forms.ChoiceField(label=_("State"), choices=_blank(Flow.State.choices), required=False)
    quantity = forms.DecimalField(label=_("Quantity"), required=False, max_digits=14, decimal_places=3)
    unit = forms.ChoiceField(label=_("Unit"), choices=_blank(Flow.Unit.choices), required=False)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=_blank(Flow.Frequency.choices), required=False)
    month_from = forms.TypedChoiceField(
        label=_("From"), choices=_blank(MONTH_CHOICES, _("all year")), coerce=int, required=False, empty_value=None
    )
    month_to = forms.TypedChoiceField(
        label=_("To"), choices=_blank(MONTH_CHOICES, _("all year")), coerce=int, required=False, empty_value=None
    )

    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("what") or "").strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = any(data.get(f) not in (None, "") for f in ("quantity", "ewc", "nature"))
        if not (data.get("what") or "").strip() and filled:
            self.add_error("what", _("Say what this is in a few words, e.g. “apple pomace”, or empty the row."))
        return data

    def months(self) -> list[int] | None:
        """The months from `month_from` to `month_to` (through December when it wraps), None for all year."""
        start, end = self.cleaned_data.get("month_from"), self.cleaned_data.get("month_to")
        if start is None and end is None:
            return None
        start, end = start or end, end or start
        return [((start - 1 + i) % 12) + 1 for i in range((end - start) % 12 + 1)]


class BaseRowFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for form in self.forms:
            form.empty_permitted = False


RowFormSet = forms.formset_factory(
    InventoryRowForm, formset=BaseRowFormSet, extra=0, can_delete=True, max_num=MAX_ROWS, validate_max=True
)


def _count(data: QueryDict | dict, key: str, default: int, limit: int) -> int:
    value = str(data.get(key, "") or "")
    return min(int(value), limit) if value.isdigit() else default


class InventoryForm:
    """The processes of an inventory, each a ProcessForm and its RowFormSet (prefixes p0, p0-rows…)."""

    def __init__(self, data: QueryDict | dict | None = None, *, organisation: Organisation) -> None:
        self.data = data if data is not None else data_from_snapshot([], new_rows=NEW_ROWS)
        count = _count(self.data, PROCESS_COUNT, 1, MAX_PROCESSES)
        self.several_sites = organisation.sites.count() > 1
        self.processes = [
            (
                ProcessForm(self.data, prefix=f"p{i}", organisation=organisation, several_sites=self.several_sites),
                RowFormSet(self.data, prefix=f"p{i}-rows"),
            )
            for i in range(count)
        ]

    @property
    def count(self) -> int:
        return len(self.processes)

    def is_valid(self) -> bool:
        # Every form is checked (no short cut) so that every row shows its errors at once.
        results = [(p.is_valid(), rows.is_valid()) for p, rows in self.processes]
        return all(a and b for a, b in results)

    def kept_rows(self, rows: RowFormSet) -> list[InventoryRowForm]:
        return [f for f in rows.forms if not (rows.can_delete and rows._should_delete_form(f)) and not f.is_blank()]

    def cleaned(self) -> list[dict[str, Any]]:
        """The processes with their filled rows, as the inventory service takes them."""
        processes = []
        for number, (process, rows) in enumerate(self.processes, start=1):
            kept = self.kept_rows(rows)
            if not kept:
                continue
            name = process.cleaned_data.get("name") or _("Process %(number)d") % {"number": number}
            rows_data = [{**f.cleaned_data, "months": f.months()} for f in kept]
            processes.append({"name": str(name), "site": process.cleaned_data.get("site"), "rows": rows_data})
        return processes

    def place(self, p: int, r: int) -> tuple[InventoryRowForm, int]:
        """The row form of the p-th process and r-th row that `cleaned` kept, and its number as
        shown in the page (blank and removed rows count there)."""
        kept = [rows for _process, rows in self.processes if self.kept_rows(rows)]
        row = self.kept_rows(kept[p])[r]
        return row, kept[p].forms.index(row) + 1

    def snapshot(self) -> list[dict[str, Any]]:
        """The form as typed, valid or not, to be saved and shown again (see `data_from_snapshot`)."""
        processes = []
        for process, rows in self.processes:
            typed_rows = []
            for form in rows.forms:
                row = {name: _raw(form[name].value()) for name in InventoryRowForm.base_fields if name != "ewc"}
                ewc = form["ewc"].value()
                row["ewc_text" if isinstance(ewc, UnpickedText) else "ewc"] = _raw(ewc)
                if any(v for k, v in row.items() if k != "direction"):
                    typed_rows.append(row)
            processes.append(
                {"name": _raw(process["name"].value()), "site": _raw(process["site"].value()), "rows": typed_rows}
            )
        return processes


def _raw(value: Any) -> str:
    return "" if value is None else str(value)


def data_from_snapshot(processes: list[dict[str, Any]], *, new_rows: int = 1) -> QueryDict:
    """The POST data that shows a saved inventory in the form again (with `new_rows` empty rows more)."""
    data = QueryDict(mutable=True)
    processes = processes or [{"name": "", "rows": []}]
    data[PROCESS_COUNT] = str(len(processes))
    for i, process in enumerate(processes):
        data[f"p{i}-name"] = process.get("name", "")
        if process.get("site"):
            data[f"p{i}-site"] = process["site"]
        rows = [*process.get("rows", []), *([{}] * new_rows)]
        _management(data, f"p{i}-rows", len(rows))
        for r, row in enumerate(rows):
            for key, value in row.items():
                data[f"p{i}-rows-{r}-{key}"] = value
            data.setdefault(f"p{i}-rows-{r}-direction", OUTPUT)
    return data


def _management(data: QueryDict, prefix: str, total: int) -> None:
    data[f"{prefix}-TOTAL_FORMS"] = str(total)
    data[f"{prefix}-INITIAL_FORMS"] = "0"


def grown(data: QueryDict, *, add_process: bool = False, add_row: int | None = None) -> QueryDict:
    """The posted data with one more process (and its empty rows) or one more row in a process."""
    data = data.copy()
    count = _count(data, PROCESS_COUNT, 1, MAX_PROCESSES)
    if add_process and count < MAX_PROCESSES:
        data[PROCESS_COUNT] = str(count + 1)
        _management(data, f"p{count}-rows", NEW_ROWS)
    elif add_row is not None and 0 <= add_row < count:
        key = f"p{add_row}-rows-TOTAL_FORMS"
        data[key] = str(min(_count(data, key, 0, MAX_ROWS) + 1, MAX_ROWS))
    return data


def suggest_codes(form: InventoryForm) -> tuple[QueryDict, int]:
    """Fill the empty code and category of each row from its everyday words (the best hit of the
    bilingual waste-code search); by-products get the category only, as they carry no code.
    Returns the data completed and the number of rows completed: it works on the posted data, so
    it needs no JavaScript."""
    data = form.data.copy()
    done = 0
    for _process, rows in form.processes:
        for row in rows.forms:
            if done >= MAX_ROWS:
                break
            done += _suggest_row(data, row)
    return data, done


def _suggest_row(data: QueryDict, row: InventoryRowForm) -> int:
    what = (row["what"].value() or "").strip()
    if len(what) < 3 or row["ewc"].value() or row["category"].value():
        return 0
    ewc = search_ewc(what, EwcCode.objects.filter(level=EwcCode.Level.ENTRY)).first()
    if ewc is None:
        return 0
    category = category_for_ewc(ewc)
    if row["nature"].value() != Flow.Nature.BY_PRODUCT:
        data[row.add_prefix("ewc")] = str(ewc.pk)
    if category is not None:
        data[row.add_prefix("category")] = str(category.pk)
    return 1
