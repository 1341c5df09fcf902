import { createRoute, useNavigate } from '@tanstack/react-router';
import { CustomerCreatePage } from '@/features/customers/CustomerCreatePage';
import { CustomerDetailPage } from '@/features/customers/CustomerDetailPage';
import { CustomerEditPage } from '@/features/customers/CustomerEditPage';
import { CustomersPage } from '@/features/customers/CustomersPage';
import { validateCustomersSearch, type CustomersSearch } from '@/features/customers/search';
import { appRoute } from './app';

export const customersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers',
  validateSearch: validateCustomersSearch,
  component: CustomersRoute,
});

function CustomersRoute() {
  const search = customersRoute.useSearch();
  const navigate = useNavigate({ from: '/customers' });
  // Typing and paging replace the history entry; the back button leaves the list, not each keystroke.
  const onSearchChange = (update: (prev: CustomersSearch) => CustomersSearch) =>
    void navigate({ search: (prev) => update(prev), replace: true });
  return <CustomersPage search={search} onSearchChange={onSearchChange} />;
}

export const customerNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers/new',
  component: CustomerCreatePage,
});

export const customerDetailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers/$customerId',
  component: function CustomerDetailRoute() {
    const { customerId } = customerDetailRoute.useParams();
    return <CustomerDetailPage customerId={customerId} />;
  },
});

export const customerEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/customers/$customerId/edit',
  component: function CustomerEditRoute() {
    const { customerId } = customerEditRoute.useParams();
    return <CustomerEditPage customerId={customerId} />;
  },
});
