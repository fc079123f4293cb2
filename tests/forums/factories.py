"""Factories for the forums: the index, boards, topics with their opening post, posts.

`BoardFactory` places a published board under `parent` (the site's forum index, made on
first use). `TopicFactory(board=..., opening=member)` starts a topic with an opening post
by `member` (a new approved member when not given; `opening=False` for none;
`opening__body=...` and the like set the post's fields). `PostFactory` keeps its topic's
count and latest activity as posting does.
"""

import factory

from forums.models import BoardPage, ForumIndexPage, Post, Topic, touch_topic

from ..home.factories import BasePageFactory
from ..members.factories import approved_member
from ..resources.factories import site_home_page


class ForumIndexFactory(BasePageFactory):
    class Meta:
        model = ForumIndexPage

    title = "Forums"
    slug = "forums"
    members_only = False
    parent = factory.LazyFunction(site_home_page)


def default_index():
    return ForumIndexPage.objects.first() or ForumIndexFactory()


class BoardFactory(BasePageFactory):
    class Meta:
        model = BoardPage

    title = factory.Sequence(lambda n: f"Board {n}")
    intro = "<p>Questions from practice, and what helped.</p>"
    guidelines = "<p>Be kind. Do not name the people you work with.</p>"
    members_only = False
    parent = factory.LazyFunction(default_index)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    topic = factory.SubFactory("tests.forums.factories.TopicFactory", opening=False)
    author = factory.LazyFunction(approved_member)
    body = factory.Sequence(lambda n: f"Post number {n}, with some *Markdown*.")
    status = Post.Status.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        post = super()._create(model_class, *args, **kwargs)
        if post.status == Post.Status.PUBLISHED:
            touch_topic(post.topic_id, post.created_at)
        return post


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        skip_postgeneration_save = True

    board = factory.LazyFunction(lambda: BoardPage.objects.first() or BoardFactory())
    title = factory.Sequence(lambda n: f"Topic {n}")

    @factory.post_generation
    def opening(topic, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        if extracted is not None:
            kwargs["author"] = extracted
        PostFactory(topic=topic, **kwargs)
        topic.refresh_from_db()
