"""foundation

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 09:01:52.171830+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Accent-insensitive trigram search and tenant-first GIN indexes need these.
    for extension in ("pg_trgm", "unaccent", "btree_gin", "citext"):
        op.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")
    op.create_table('tenants',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('slug', sa.String(length=63), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('created_at', postgresql.TIMESTAMP(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', postgresql.TIMESTAMP(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenants')),
    sa.UniqueConstraint('slug', name=op.f('uq_tenants_slug'))
    )
    op.create_table('api_keys',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('scopes', sa.ARRAY(sa.String(length=32)), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=True),
    sa.Column('created_at', postgresql.TIMESTAMP(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('last_used_at', postgresql.TIMESTAMP(timezone=True), nullable=True),
    sa.Column('revoked_at', postgresql.TIMESTAMP(timezone=True), nullable=True),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_api_keys_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_keys'))
    )
    op.create_index('uq_api_keys_tenant_id_key_hash', 'api_keys', ['tenant_id', 'key_hash'], unique=True)
    op.create_table('audit_events',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('occurred_at', postgresql.TIMESTAMP(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('actor_type', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_label', sa.String(length=320), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('entity_type', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=True),
    sa.Column('changes', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('meta', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_audit_events_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    op.create_index('ix_audit_events_tenant_id_entity', 'audit_events', ['tenant_id', 'entity_type', 'entity_id', 'id'], unique=False)
    op.create_index('ix_audit_events_tenant_id_occurred_at', 'audit_events', ['tenant_id', 'occurred_at'], unique=False)
    op.create_table('custom_field_definitions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('choices', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('created_at', postgresql.TIMESTAMP(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_custom_field_definitions_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_field_definitions'))
    )
    op.create_index('uq_custom_field_definitions_tenant_id_key', 'custom_field_definitions', ['tenant_id', 'key'], unique=True)
    op.create_table('customers',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('external_id', sa.String(length=200), nullable=True),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('first_name', sa.String(length=200), nullable=True),
    sa.Column('last_name', sa.String(length=200), nullable=True),
    sa.Column('middle_name', sa.String(length=200), nullable=True),
    sa.Column('company_name', sa.String(length=300), nullable=True),
    sa.Column('tax_id', sa.String(length=64), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('gender', sa.String(length=16), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('city', sa.String(length=200), nullable=True),
    sa.Column('street', sa.String(length=200), nullable=True),
    sa.Column('building', sa.String(length=32), nullable=True),
    sa.Column('apartment', sa.String(length=32), nullable=True),
    sa.Column('postal_code', sa.String(length=16), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('custom_fields', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('import_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('created_at', postgresql.TIMESTAMP(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', postgresql.TIMESTAMP(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('last_activity_at', postgresql.TIMESTAMP(timezone=True), nullable=True),
    sa.Column('vouchers_assigned', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('vouchers_active', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('vouchers_redeemed', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('voucher_redeemed_amount', sa.Numeric(precision=14, scale=2), server_default=sa.text('0'), nullable=False),
    sa.Column('total_spent', sa.Numeric(precision=14, scale=2), server_default=sa.text('0'), nullable=False),
    sa.Column('transactions_count', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('visits', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('avg_check', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('first_visit_at', postgresql.TIMESTAMP(timezone=True), nullable=True),
    sa.Column('last_visit_at', postgresql.TIMESTAMP(timezone=True), nullable=True),
    sa.Column('last_purchase_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('last_purchase_at', postgresql.TIMESTAMP(timezone=True), nullable=True),
    sa.Column('rfm_recency', sa.SmallInteger(), nullable=True),
    sa.Column('rfm_frequency', sa.SmallInteger(), nullable=True),
    sa.Column('rfm_monetary', sa.SmallInteger(), nullable=True),
    sa.Column('rfm_segment', sa.String(length=32), nullable=True),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_customers_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers'))
    )
    op.create_index('ix_customers_tenant_id_created_at', 'customers', ['tenant_id', 'created_at', 'id'], unique=False)
    op.create_index('ix_customers_tenant_id_import_id', 'customers', ['tenant_id', 'import_id'], unique=False, postgresql_where=sa.text('import_id IS NOT NULL'))
    op.create_index('ix_customers_tenant_id_last_name', 'customers', ['tenant_id', 'last_name', 'id'], unique=False)
    op.create_index('ix_customers_tenant_id_last_visit_at', 'customers', ['tenant_id', 'last_visit_at', 'id'], unique=False)
    op.create_index('ix_customers_tenant_id_phone', 'customers', ['tenant_id', 'phone'], unique=False, postgresql_where=sa.text('phone IS NOT NULL'))
    op.create_index('ix_customers_tenant_id_total_spent', 'customers', ['tenant_id', 'total_spent', 'id'], unique=False)
    op.create_index('uq_customers_tenant_id_email', 'customers', ['tenant_id', 'email'], unique=True, postgresql_where=sa.text('email IS NOT NULL'))
    op.create_index('uq_customers_tenant_id_external_id', 'customers', ['tenant_id', 'external_id'], unique=True, postgresql_where=sa.text('external_id IS NOT NULL'))
    op.create_table('tags',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('colour', sa.String(length=7), nullable=False),
    sa.Column('created_at', postgresql.TIMESTAMP(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_tags_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags'))
    )
    op.create_index('uq_tags_tenant_id_name_key', 'tags', ['tenant_id', 'name_key'], unique=True)
    op.create_table('users',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', postgresql.TIMESTAMP(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('last_login_at', postgresql.TIMESTAMP(timezone=True), nullable=True),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_users_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users'))
    )
    op.create_index('uq_users_tenant_id_email', 'users', ['tenant_id', 'email'], unique=True)
    op.create_table('audit_event_subjects',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['audit_events.id'], name=op.f('fk_audit_event_subjects_event_id_audit_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_audit_event_subjects_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('tenant_id', 'customer_id', 'event_id', name=op.f('pk_audit_event_subjects'))
    )
    op.create_table('cards',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('barcode', sa.String(length=128), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('created_at', postgresql.TIMESTAMP(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_cards_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_cards_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cards'))
    )
    op.create_index('ix_cards_tenant_id_customer_id', 'cards', ['tenant_id', 'customer_id'], unique=False)
    op.create_index('uq_cards_tenant_id_number', 'cards', ['tenant_id', 'number'], unique=True)
    op.create_table('customer_consents',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('granted', sa.Boolean(), nullable=False),
    sa.Column('changed_at', postgresql.TIMESTAMP(timezone=True), nullable=False),
    sa.Column('source', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_consents_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_customer_consents_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('tenant_id', 'customer_id', 'channel', name=op.f('pk_customer_consents'))
    )
    op.create_table('customer_tags',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('customer_id', sa.Uuid(), nullable=False),
    sa.Column('tag_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_tags_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_customer_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_customer_tags_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('tenant_id', 'customer_id', 'tag_id', name=op.f('pk_customer_tags'))
    )
    op.create_index('ix_customer_tags_tenant_id_tag_id', 'customer_tags', ['tenant_id', 'tag_id', 'customer_id'], unique=False)
    op.create_table('user_sessions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('csrf_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', postgresql.TIMESTAMP(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('expires_at', postgresql.TIMESTAMP(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_user_sessions_tenant_id_tenants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_sessions'))
    )
    op.create_index('ix_user_sessions_tenant_id_user_id', 'user_sessions', ['tenant_id', 'user_id'], unique=False)
    op.create_index('uq_user_sessions_tenant_id_token_hash', 'user_sessions', ['tenant_id', 'token_hash'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_user_sessions_tenant_id_token_hash', table_name='user_sessions')
    op.drop_index('ix_user_sessions_tenant_id_user_id', table_name='user_sessions')
    op.drop_table('user_sessions')
    op.drop_index('ix_customer_tags_tenant_id_tag_id', table_name='customer_tags')
    op.drop_table('customer_tags')
    op.drop_table('customer_consents')
    op.drop_index('uq_cards_tenant_id_number', table_name='cards')
    op.drop_index('ix_cards_tenant_id_customer_id', table_name='cards')
    op.drop_table('cards')
    op.drop_table('audit_event_subjects')
    op.drop_index('uq_users_tenant_id_email', table_name='users')
    op.drop_table('users')
    op.drop_index('uq_tags_tenant_id_name_key', table_name='tags')
    op.drop_table('tags')
    op.drop_index('uq_customers_tenant_id_external_id', table_name='customers', postgresql_where=sa.text('external_id IS NOT NULL'))
    op.drop_index('uq_customers_tenant_id_email', table_name='customers', postgresql_where=sa.text('email IS NOT NULL'))
    op.drop_index('ix_customers_tenant_id_total_spent', table_name='customers')
    op.drop_index('ix_customers_tenant_id_phone', table_name='customers', postgresql_where=sa.text('phone IS NOT NULL'))
    op.drop_index('ix_customers_tenant_id_last_visit_at', table_name='customers')
    op.drop_index('ix_customers_tenant_id_last_name', table_name='customers')
    op.drop_index('ix_customers_tenant_id_import_id', table_name='customers', postgresql_where=sa.text('import_id IS NOT NULL'))
    op.drop_index('ix_customers_tenant_id_created_at', table_name='customers')
    op.drop_table('customers')
    op.drop_index('uq_custom_field_definitions_tenant_id_key', table_name='custom_field_definitions')
    op.drop_table('custom_field_definitions')
    op.drop_index('ix_audit_events_tenant_id_occurred_at', table_name='audit_events')
    op.drop_index('ix_audit_events_tenant_id_entity', table_name='audit_events')
    op.drop_table('audit_events')
    op.drop_index('uq_api_keys_tenant_id_key_hash', table_name='api_keys')
    op.drop_table('api_keys')
    op.drop_table('tenants')
