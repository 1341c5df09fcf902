from fastapi.routing import APIRoute


def operation_id(route: APIRoute) -> str:
    """Stable `<tag>:<function>` ids (`customers:list_customers`): generated clients are named by them."""
    tag = str(route.tags[-1]) if route.tags else "default"
    return f"{tag}:{route.name}"
