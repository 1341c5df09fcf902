from fastapi import APIRouter

from app.audit import service as audit
from app.auth.deps import AdminOnly, CurrentContext
from app.core.deps import SessionDep
from app.core.errors import responses
from app.tenants import service
from app.tenants.schemas import TenantOut, TenantPatch

router = APIRouter(prefix="/tenant", tags=["tenant"])


@router.get("", response_model=TenantOut)
async def get_tenant(session: SessionDep, ctx: CurrentContext) -> TenantOut:
    """The caller's tenant and its settings."""
    return TenantOut.model_validate(await service.get(session, ctx.tenant_id))


@router.patch("", response_model=TenantOut, responses=responses(service.CurrencyLocked))
async def update_tenant(body: TenantPatch, session: SessionDep, ctx: AdminOnly) -> TenantOut:
    """Change the tenant's name, country, currency, time zone or language."""
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    before = TenantOut.model_validate(await service.get(session, ctx.tenant_id)).model_dump()
    tenant = await service.update(session, ctx.tenant_id, changes)
    diff = audit.diff({k: before[k] for k in changes}, changes)
    if diff:
        await audit.record(session, ctx, "tenant.updated", "tenant", tenant.id, changes=diff)
    return TenantOut.model_validate(tenant)
