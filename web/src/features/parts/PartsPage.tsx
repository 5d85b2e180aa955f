import { Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { CataloguePanel } from './CataloguePanel';
import { MovementsPanel } from './MovementsPanel';
import { usePartsT } from './messages';
import { OldPartsPanel } from './OldPartsPanel';
import { ReservationsPanel } from './ReservationsPanel';
import { StockPanel } from './StockPanel';

const TABS = ['stock', 'movements', 'reservations', 'catalogue', 'old-parts'] as const;
type Tab = (typeof TABS)[number];

/** 备件: stock levels per warehouse, the movements ledger, the catalogue and outstanding old parts. */
export default function PartsPage() {
  const { t } = usePartsT();
  const { tab } = useParams();
  const navigate = useNavigate();
  const active: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'stock';
  return (
    <Tabs
      activeKey={active}
      onChange={(k) => navigate(`/parts/${k}`)}
      destroyOnHidden
      items={[
        { key: 'stock', label: t('parts.tab.stock'), children: <StockPanel /> },
        { key: 'movements', label: t('parts.tab.movements'), children: <MovementsPanel /> },
        { key: 'reservations', label: t('parts.tab.reservations'), children: <ReservationsPanel /> },
        { key: 'catalogue', label: t('parts.tab.catalogue'), children: <CataloguePanel /> },
        { key: 'old-parts', label: t('parts.tab.oldParts'), children: <OldPartsPanel /> },
      ]}
    />
  );
}
