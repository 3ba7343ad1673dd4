"""London's 32 boroughs (GSS codes) and the non-borough rows the MPS files carry.

London in rates and rankings means these 32: the City of London has its own police force and never appears,
and airports, "Unknown" and Aviation Security rows are reported but belong to no borough.
"""

from crime import forces
from crime.models import METROPOLITAN, Area

BOROUGHS = [
    ("E09000002", "Barking and Dagenham", "Barking"),
    ("E09000003", "Barnet", "Barnet"),
    ("E09000004", "Bexley", "Bexley"),
    ("E09000005", "Brent", "Brent"),
    ("E09000006", "Bromley", "Bromley"),
    ("E09000007", "Camden", "Camden"),
    ("E09000008", "Croydon", "Croydon"),
    ("E09000009", "Ealing", "Ealing"),
    ("E09000010", "Enfield", "Enfield"),
    ("E09000011", "Greenwich", "Greenwich"),
    ("E09000012", "Hackney", "Hackney"),
    ("E09000013", "Hammersmith and Fulham", "Hammersmith"),
    ("E09000014", "Haringey", "Haringey"),
    ("E09000015", "Harrow", "Harrow"),
    ("E09000016", "Havering", "Havering"),
    ("E09000017", "Hillingdon", "Hillingdon"),
    ("E09000018", "Hounslow", "Hounslow"),
    ("E09000019", "Islington", "Islington"),
    ("E09000020", "Kensington and Chelsea", "Kensington"),
    ("E09000021", "Kingston upon Thames", "Kingston"),
    ("E09000022", "Lambeth", "Lambeth"),
    ("E09000023", "Lewisham", "Lewisham"),
    ("E09000024", "Merton", "Merton"),
    ("E09000025", "Newham", "Newham"),
    ("E09000026", "Redbridge", "Redbridge"),
    ("E09000027", "Richmond upon Thames", "Richmond"),
    ("E09000028", "Southwark", "Southwark"),
    ("E09000029", "Sutton", "Sutton"),
    ("E09000030", "Tower Hamlets", "Tower Hamlets"),
    ("E09000031", "Waltham Forest", "Waltham"),
    ("E09000032", "Wandsworth", "Wandsworth"),
    ("E09000033", "Westminster", "Westminster"),
]

NON_BOROUGH_NAMES = {"London Heathrow and London City Airports", "Unknown", "Aviation Security (SO18)"}


def ensure_boroughs():
    """The 32 borough areas, policed by the MPS, created (in one insert) or renamed when they differ from
    BOROUGHS; by name."""
    force = forces.ensure_force(METROPOLITAN, "Metropolitan Police Service")
    found = {area.code: area for area in Area.objects.filter(kind=Area.Kind.BOROUGH, code__in=[b[0] for b in BOROUGHS])}
    missing = [
        Area(kind=Area.Kind.BOROUGH, code=code, name=name, short_name=short, police_force=force)
        for code, name, short in BOROUGHS
        if code not in found
    ]
    found |= {area.code: area for area in Area.objects.bulk_create(missing)}
    areas = {}
    for code, name, short in BOROUGHS:
        area = found[code]
        if (area.name, area.short_name, area.police_force_id) != (name, short, force.pk):
            area.name, area.short_name, area.police_force = name, short, force
            area.save(update_fields=["name", "short_name", "police_force"])
        areas[name] = area
    return areas
