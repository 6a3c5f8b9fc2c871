"""The API's pagination: DRF's page numbers, written in ASCII digits only."""

from rest_framework import pagination
from rest_framework.exceptions import NotFound


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` as the schema documents it, an integer in ASCII digits: Python's int(), which
    DRF and Django's Paginator use, also reads "٣", full-width digits, "1_0" and " 5". Those
    are a 404 "Invalid page.", as a page past the last is."""

    def get_page_number(self, request, paginator):
        number = str(super().get_page_number(request, paginator))
        if not (number.isascii() and number.isdigit()):
            raise NotFound(self.invalid_page_message)
        return number
