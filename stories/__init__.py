"""Stories: blog posts, case studies and personal narratives, owned by the people who tell them."""
