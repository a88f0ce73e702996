import {
  createContext,
  type FormEvent,
  type ReactNode,
  useCallback,
  useContext,
  useId,
  useState,
} from "react";

const KEY = "buzz:admin-token";

interface Admin {
  token: string | null;
  setToken(token: string | null): void;
}

const AdminContext = createContext<Admin | null>(null);

/** Reads a storage that may refuse (private modes, sandboxed frames): the token then lives only in memory. */
function stored(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The admin token, entered once and kept in sessionStorage: it goes when the tab does. */
export function AdminProvider({ children }: { children: ReactNode }) {
  const [token, set] = useState<string | null>(stored);
  const setToken = useCallback((next: string | null) => {
    try {
      if (next) sessionStorage.setItem(KEY, next);
      else sessionStorage.removeItem(KEY);
    } catch {
      // memory only, see stored()
    }
    set(next);
  }, []);
  return <AdminContext.Provider value={{ token, setToken }}>{children}</AdminContext.Provider>;
}

export function useAdmin(): Admin {
  const admin = useContext(AdminContext);
  if (!admin) throw new Error("wrap the page in <AdminProvider>");
  return admin;
}

/** Shows `children(token)` once a token is set, else a form asking for one. */
export function RequireAdmin({ children, what }: { children: (token: string) => ReactNode; what: string }) {
  const { token } = useAdmin();
  return token ? children(token) : <AdminTokenForm what={what} />;
}

export function AdminTokenForm({ what, rejected }: { what: string; rejected?: string }) {
  const { setToken } = useAdmin();
  const [value, setValue] = useState("");
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) setToken(value.trim());
  };
  return (
    <form className="card token-form" onSubmit={submit}>
      <p>
        {rejected ? <strong role="alert">The server refused the admin token: {rejected}. </strong> : null}
        {what} needs the admin token (<code>Authorization: Bearer</code>). It is kept in this tab only.
      </p>
      <label htmlFor={id}>Admin token</label>
      <div className="row">
        <input
          id={id}
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit">Use token</button>
      </div>
    </form>
  );
}

/** Rendered where an admin call answered 401: ask again. */
export function TokenRejected({ what, message }: { what: string; message: string }) {
  return <AdminTokenForm what={what} rejected={message} />;
}

export function ForgetToken() {
  const { token, setToken } = useAdmin();
  if (!token) return null;
  return (
    <button type="button" className="link-button" onClick={() => setToken(null)}>
      Forget admin token
    </button>
  );
}
