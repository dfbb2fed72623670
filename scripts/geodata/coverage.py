"""Simplifying a polygon coverage (municipalities, districts) without gaps between neighbours."""

from __future__ import annotations

import numpy as np
import shapely

MIN_TOLERANCE_M = 0.5


def simplify_coverage(polygons: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker on each shared border once, so neighbours keep one common edge.

    Polygon-by-polygon simplification leaves slivers between neighbours (a point would then lie in
    no municipality); GEOS' coverage_simplify is Visvalingam-Whyatt, whose deviation is unbounded.
    Units are those of the input: pass metres (EPSG:25832) so the tolerance is a distance.
    """
    borders = shapely.line_merge(shapely.union_all(shapely.boundary(polygons)))
    arcs = _simplified_arcs(shapely.get_parts(borders), tolerance)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(arcs))))
    return _faces_to_polygons(polygons, faces)


def _simplified_arcs(arcs: np.ndarray, tolerance: float) -> np.ndarray:
    tolerances = np.full(len(arcs), float(tolerance))
    while True:
        simplified = shapely.simplify(arcs, tolerances, preserve_topology=False)
        # A closed ring shrunk below a triangle would make its island vanish: keep it as it was.
        collapsed = shapely.is_closed(arcs) & (shapely.get_num_coordinates(simplified) < 4)
        simplified[collapsed] = arcs[collapsed]
        broken = _crossing_arcs(simplified)
        if not broken.any():
            return simplified
        # Where simplified borders now cross, retry those with half the tolerance, down to none.
        tolerances[broken] /= 2
        tolerances[broken & (tolerances < MIN_TOLERANCE_M)] = 0.0


def _crossing_arcs(arcs: np.ndarray) -> np.ndarray:
    broken = ~shapely.is_simple(arcs)
    tree = shapely.STRtree(arcs)
    for predicate in ("crosses", "overlaps"):
        pairs = tree.query(arcs, predicate=predicate)
        broken[pairs[0]] = True
    return broken


def _faces_to_polygons(originals: np.ndarray, faces: np.ndarray) -> np.ndarray:
    # Each face of the simplified border network belongs to the original polygon it mostly
    # overlaps; faces overlapping nothing are holes of the coverage (another state's enclave).
    tree = shapely.STRtree(originals)
    face_index, original_index = tree.query(faces, predicate="intersects")
    overlap = shapely.area(shapely.intersection(faces[face_index], originals[original_index]))
    owner: dict[int, tuple[float, int]] = {}
    for face, original, area in zip(face_index, original_index, overlap, strict=True):
        if area > owner.get(face, (0.0, -1))[0]:
            owner[face] = (area, original)
    parts: list[list] = [[] for _ in originals]
    for face, (area, original) in owner.items():
        if area > 0.5 * faces[face].area:
            parts[original].append(faces[face])
    if any(not p for p in parts):
        raise SystemExit("simplification removed a whole polygon; lower the tolerance")
    return np.array([shapely.coverage_union_all(np.array(p)) for p in parts])


def deviation(originals: np.ndarray, simplified: np.ndarray) -> np.ndarray:
    """Hausdorff distance between each original and simplified polygon (units of the input)."""
    return shapely.hausdorff_distance(originals, simplified)


def repaired(polygons: np.ndarray) -> tuple[np.ndarray, dict[str, int]]:
    """Source polygons made valid, and how many needed it or do not match their neighbours.

    VG250 for all of Germany has a few self-touching rings and borders that do not quite match
    (along rivers); the border network simplify_coverage builds resolves the latter anyway.
    """
    polygons = polygons.copy()
    invalid = ~shapely.is_valid(polygons)
    polygons[invalid] = shapely.make_valid(polygons[invalid], method="structure")
    unmatched = ~shapely.is_empty(shapely.coverage_invalid_edges(polygons))
    return polygons, {"repaired": int(invalid.sum()), "unmatched_borders": int(unmatched.sum())}


def check_coverage(polygons: np.ndarray, what: str) -> None:
    """Stop the build unless every polygon is valid and together they form a gap-free coverage."""
    if not shapely.is_valid(polygons).all() or shapely.is_empty(polygons).any():
        raise SystemExit(f"{what}: invalid or empty polygons")
    if not shapely.coverage_is_valid(polygons):
        raise SystemExit(f"{what}: polygons overlap or their shared edges do not match")
