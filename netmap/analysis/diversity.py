"""How spread out the network is over categories: Blau's index and the IQV.

References
----------
Blau, P. M. (1977). *Inequality and Heterogeneity: A Primitive Theory of
Social Structure.* New York: Free Press. (Heterogeneity ``1 - Σ p_i²``.)

Agresti, A. & Agresti, B. F. (1978). "Statistical analysis of qualitative
variation." *Sociological Methodology* 9: 204–237. (Index of qualitative
variation: Blau's index divided by its maximum ``1 - 1/k``.)

Perry, B. L., Pescosolido, B. A. & Borgatti, S. P. (2018). *Egocentric Network
Analysis.* Cambridge University Press, ch. 5 (both used for alter
heterogeneity).
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["blau_index", "iqv"]


def blau_index(counts: Iterable[int]) -> float | None:
    """Blau's heterogeneity ``1 - Σ p_i²``: the chance that two persons drawn
    at random (with replacement) are in different categories.

    ``None`` when there is nobody to count.

    >>> blau_index([5, 5])            # a 50/50 split
    0.5
    >>> round(blau_index([1] * 10), 10)  # ten equal groups
    0.9
    >>> blau_index([7, 0, 0]), blau_index([])
    (0.0, None)
    """
    values = [c for c in counts if c]
    if any(c < 0 for c in values):
        raise ValueError("counts cannot be negative")
    total = sum(values)
    if total == 0:
        return None
    return 1.0 - sum((c / total) ** 2 for c in values)


def iqv(counts: Iterable[int], categories: int) -> float | None:
    """The index of qualitative variation: Blau's index over its maximum
    ``1 - 1/k`` for ``k`` possible categories, so 1 means an even spread.

    ``None`` when there is nobody to count or fewer than two categories.

    >>> round(iqv([1] * 10, categories=10), 10)   # ten equal groups
    1.0
    >>> iqv([5, 5, 0, 0, 0], categories=5)      # half and half over two of five sectors
    0.625
    """
    if categories < 2:
        return None
    blau = blau_index(counts)
    if blau is None:
        return None
    return blau / (1.0 - 1.0 / categories)
