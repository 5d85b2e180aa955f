import { Button } from 'antd';
import { Component, type ReactNode } from 'react';

// A page that throws while rendering shows this instead of a blank screen; the shell stays usable.
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) {
      const en = document.documentElement.lang === 'en';
      return (
        <div role="alert" style={{ padding: 48, textAlign: 'center' }}>
          <h2>{en ? 'Something went wrong' : '页面出错了'}</h2>
          <p style={{ color: '#888' }}>{this.state.error.message}</p>
          <Button onClick={() => this.setState({ error: null })}>{en ? 'Retry' : '重试'}</Button>
        </div>
      );
    }
    return this.props.children;
  }
}
