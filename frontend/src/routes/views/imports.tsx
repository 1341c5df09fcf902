import { useNavigate } from '@tanstack/react-router';
import { ImportsPage } from '@/features/imports/ImportsPage';
import { importsRoute } from '../imports';

export function ImportsView() {
  const { id } = importsRoute.useSearch();
  const navigate = useNavigate({ from: '/imports' });
  return <ImportsPage importId={id} onOpen={(next) => void navigate({ search: next ? { id: next } : {} })} />;
}
