import { useNavigate } from '@tanstack/react-router';
import { LoginPage } from '@/features/auth/LoginPage';
import { loginRoute } from '../login';

export function LoginView() {
  const search = loginRoute.useSearch();
  const navigate = useNavigate();
  return <LoginPage onSuccess={() => void navigate({ href: search.redirect ?? '/desk', replace: true })} />;
}
