"""The search page: anyone may search, and finds only what they may read (boards.search asks access)."""

from django.shortcuts import render

from boards import search
from boards.forms import SearchForm


def search_page(request):
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        results = search.search(request.user, form.cleaned_data["q"], form.filters(), request.GET.get("page"))
    return render(request, "boards/search.html", {"form": form, "results": results})
