"""Search synonyms: search_synonyms (groups of words meaning the same, used at query
time), seeded with the domain's common pairs

Revision ID: a3f1c2d4e5b6
Revises: a1f2e3d40b01
Create Date: 2026-12-01 22:40:00.000000

"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a3f1c2d4e5b6'
down_revision = 'a1f2e3d40b01'
branch_labels = None
depends_on = None

#: as in sicrm/knowledge/search/synonyms.py DEFAULT_GROUPS when this was written
DEFAULT_GROUPS = (
    "等保 = 等级保护 = 网络安全等级保护",
    "IPS = 入侵防御系统 = 入侵防御",
    "IDS = 入侵检测系统 = 入侵检测",
    "负载均衡 = SLB = 负载均衡器",
    "WAF = Web应用防火墙",
    "防火墙 = firewall",
    "交换机 = switch",
    "路由器 = router",
    "VPN = 虚拟专用网络",
    "UPS = 不间断电源",
    "SDN = 软件定义网络",
    "SD-WAN = 软件定义广域网",
    "信创 = 信息技术应用创新",
    "容灾 = 灾备 = 灾难恢复",
    "堡垒机 = 运维审计系统",
    "超融合 = HCI",
    "数据中心 = 机房 = IDC",
    "ERP = 企业资源计划",
    "OA = 办公自动化",
    "SOC = 安全运营中心",
    "合同 = 合约",
    "报价单 = 报价表",
    "视频监控 = 安防监控",
    "运维 = 维护",
)


def upgrade():
    table = op.create_table('search_synonyms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('words', sa.String(length=1000), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'],
                            name=op.f('fk_search_synonyms_updated_by_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_synonyms'))
    )
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    op.bulk_insert(table, [{"words": words, "updated_dt": now} for words in DEFAULT_GROUPS])


def downgrade():
    op.drop_table('search_synonyms')
