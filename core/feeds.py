"""The frame of a listing page's RSS and Atom feeds (Django's syndication framework): the
listing's title and address, each item's address, unique id and dates, and an empty body
for HEAD. An app's feed says which items, and what each one says (webinars, stories).

A feed reader sends no cookies and what it fetches is copied on, so an app's `items()`
returns only what a visitor may read.
"""

from django.contrib.syndication.views import Feed

from .emails import absolute_url


class ListingFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        if request.method == "HEAD":
            response.content = b""
        return response

    def title(self):
        return str(self.index_page.title)

    def link(self):
        return self.index_page.url

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return absolute_url(item.url or "")

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
