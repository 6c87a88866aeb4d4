"""The sitemap: every page a search engine should find, from the slugs and dates alone."""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from affiliations.models import Organization
from profiles.models import Person
from publications.models import Publication, Venue


class _SlugSitemap(Sitemap):
    """Rows by slug, with ``updated_at`` as the last change; two columns read per row."""

    model: type

    def items(self) -> QuerySet:
        return self.model._default_manager.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PersonSitemap(_SlugSitemap):
    model = Person

    def items(self) -> QuerySet:
        # People named in others' papers only (stubs) have thin pages: not listed.
        return super().items().filter(is_stub=False)


class PublicationSitemap(_SlugSitemap):
    model = Publication


class VenueSitemap(_SlugSitemap):
    model = Venue


class OrganizationSitemap(_SlugSitemap):
    model = Organization


SITEMAPS = {
    "people": PersonSitemap,
    "publications": PublicationSitemap,
    "venues": VenueSitemap,
    "organizations": OrganizationSitemap,
}
