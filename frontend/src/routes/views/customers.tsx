import { useNavigate } from '@tanstack/react-router';
import { CustomerCreatePage } from '@/features/customers/CustomerCreatePage';
import { CustomerDetailPage } from '@/features/customers/CustomerDetailPage';
import { CustomerEditPage } from '@/features/customers/CustomerEditPage';
import { CustomersPage } from '@/features/customers/CustomersPage';
import type { CustomersSearch } from '@/features/customers/search';
import { customerDetailRoute, customerEditRoute, customerNewRoute, customersRoute } from '../customers';

export function CustomersView() {
  const search = customersRoute.useSearch();
  const navigate = useNavigate({ from: '/customers' });
  // Typing and paging replace the history entry; the back button leaves the list, not each keystroke.
  const onSearchChange = (update: (prev: CustomersSearch) => CustomersSearch) =>
    void navigate({ search: (prev) => update(prev), replace: true });
  return <CustomersPage search={search} onSearchChange={onSearchChange} />;
}

export function CustomerCreateView() {
  const { prefill } = customerNewRoute.useSearch();
  return <CustomerCreatePage prefill={prefill} />;
}

export function CustomerDetailView() {
  const { customerId } = customerDetailRoute.useParams();
  return <CustomerDetailPage customerId={customerId} />;
}

export function CustomerEditView() {
  const { customerId } = customerEditRoute.useParams();
  return <CustomerEditPage customerId={customerId} />;
}
