// Last line of defence: a rendering bug shows what broke instead of a blank window.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Resetline renderer crashed', error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    // A plain div: this boundary sits both inside `main` and above the frame, and landmarks must not nest.
    return (
      <div>
        <ErrorNotice
          title="Resetline hit an unexpected problem"
          error={{ code: 'internal', message: this.state.error.message }}
          onRetry={() => this.setState({ error: null })}
        />
      </div>
    );
  }
}
