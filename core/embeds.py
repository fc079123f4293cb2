"""Video players that set no tracking cookies: YouTube's nocookie domain, Vimeo's do-not-track."""

import re
from urllib.parse import parse_qs, urlsplit

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^[0-9]{4,12}$")


def privacy_enhanced_embed_url(url):
    """A YouTube (youtube-nocookie.com) or Vimeo (do not track) player address, else ""."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if segments[:1] == ["watch"]:
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "live", "v"}:
            video_id = segments[1]
    elif host == "youtu.be" and segments:
        video_id = segments[0]
    if video_id:
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
        return ""
    if host in {"vimeo.com", "player.vimeo.com"} and segments:
        video_id = segments[-1]
        if _VIMEO_ID.match(video_id):
            return f"https://player.vimeo.com/video/{video_id}?dnt=1"
    return ""
