"""Words too common to say what a search is about ("min", "i", "for"), per language.

People type sentences ("min kollega larmer", "ondt i ryggen"); if every word had to be found,
"min" would hide every topic. The Danish list is the Snowball project's Danish stop words plus
"vores" and "jeres" (which Snowball leaves out), the English one a short list of the same kind.
Stop words are dropped from the topics' texts too, so "overarbejde" cannot find a description
through its "over".
"""

from __future__ import annotations

DANISH = frozenset("""
og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min
havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil
blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under
have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad
bliver hendes været thi jer sådan vores jeres
""".split())

ENGLISH = frozenset("""
a an and are as at be been but by can do does for from has have he her his how i in is it its
me my mine of on or our she so that the their them there they this to too us was we what when
where which who why will with you your
""".split())

STOPWORDS = {"da": DANISH, "en": ENGLISH}


def stopwords(lang: str) -> frozenset[str]:
    """Return the stop words of `lang` (Danish for any language the guide does not know)."""
    return STOPWORDS.get(lang, DANISH)
